// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice The minting side of the fund's token (`TestStablecoin`).
interface IMintable {
    /// @notice Mints `amount` to `to`.
    /// @param to the recipient
    /// @param amount the amount
    function mint(address to, uint256 amount) external;
}

/// @title T-bill fund stand-in: the sleeve vault on test networks
/// @notice An ERC-4626 vault over a `TestStablecoin` whose assets grow at `ratePerSecond`
///         (simple interest on the fund's assets since the last accrual; 1e18 = 100 % a second).
///         The accrual is minted into the fund on every deposit, mint, withdrawal, redemption,
///         `accrue` and `setRate`; `totalAssets()` includes the pending accrual, so
///         `convertToAssets` grows with block time without a transaction.
/// @dev The fund must be a minter of its token. The inflation ("donation") attack is blunted by
///      a decimals offset of 6 (shares have 12 decimals over a 6-decimal token): a donation
///      must be ~10^6 times the victim's deposit to round it to zero shares.
contract TBillFund is ERC4626, Ownable2Step {
    /// @notice Rate scale: `ratePerSecond` of 1e18 is 100 % a second.
    uint256 public constant RATE_SCALE = 1e18;
    /// @notice The highest accepted rate (100 % a second).
    uint256 public constant MAX_RATE = 1e18;

    /// @notice Growth per second, scaled by 1e18 (e.g. 5 % a year ≈ 1_585_489_599).
    uint256 public ratePerSecond;
    /// @notice When the accrual was last minted.
    uint256 public lastAccrual;

    /// @notice `amount` of yield was minted into the fund.
    /// @param amount the yield minted
    /// @param timestamp the accrual time
    event Accrued(uint256 amount, uint256 timestamp);

    /// @notice The rate changed.
    /// @param ratePerSecond the new rate (1e18 = 100 % a second)
    event RateSet(uint256 ratePerSecond);

    /// @notice The rate is above `MAX_RATE`.
    /// @param rate the rate asked
    error RateTooHigh(uint256 rate);

    /// @notice Deploys the fund.
    /// @param asset_ the fund's token (a `TestStablecoin`; make this fund a minter of it)
    /// @param name_ the share token's name
    /// @param symbol_ the share token's symbol
    /// @param owner_ the owner (sets the rate)
    /// @param ratePerSecond_ the initial rate (1e18 = 100 % a second)
    constructor(IERC20 asset_, string memory name_, string memory symbol_, address owner_, uint256 ratePerSecond_)
        ERC20(name_, symbol_)
        ERC4626(asset_)
        Ownable(owner_)
    {
        if (ratePerSecond_ > MAX_RATE) revert RateTooHigh(ratePerSecond_);
        ratePerSecond = ratePerSecond_;
        lastAccrual = block.timestamp;
        emit RateSet(ratePerSecond_);
    }

    /// @notice The fund's assets: its token balance plus the accrual pending since `lastAccrual`.
    /// @return the total assets
    function totalAssets() public view override returns (uint256) {
        uint256 balance = IERC20(asset()).balanceOf(address(this));
        return balance + _pending(balance);
    }

    /// @notice The accrual not yet minted.
    /// @return the pending yield
    function pendingYield() external view returns (uint256) {
        return _pending(IERC20(asset()).balanceOf(address(this)));
    }

    /// @notice Mints the pending accrual into the fund. Anyone.
    function accrue() external {
        _accrue();
    }

    /// @notice Sets the rate, accruing at the old rate first. Owner only.
    /// @param ratePerSecond_ the new rate (1e18 = 100 % a second, at most `MAX_RATE`)
    function setRate(uint256 ratePerSecond_) external onlyOwner {
        if (ratePerSecond_ > MAX_RATE) revert RateTooHigh(ratePerSecond_);
        _accrue();
        ratePerSecond = ratePerSecond_;
        emit RateSet(ratePerSecond_);
    }

    /// @notice Mints `amount` of one-off yield into the fund (a jump in value without waiting or
    ///         warping time, for tests). Owner only.
    /// @param amount the yield to add
    function addYield(uint256 amount) external onlyOwner {
        _accrue();
        IMintable(asset()).mint(address(this), amount);
        emit Accrued(amount, block.timestamp);
    }

    /// @dev Accrues before assets move in, at the price computed with the pending accrual.
    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override {
        _accrue();
        super._deposit(caller, receiver, assets, shares);
    }

    /// @dev Accrues before assets move out, at the price computed with the pending accrual.
    function _withdraw(address caller, address receiver, address owner_, uint256 assets, uint256 shares)
        internal
        override
    {
        _accrue();
        super._withdraw(caller, receiver, owner_, assets, shares);
    }

    /// @dev Shares carry 6 more decimals than the token (inflation-attack guard).
    function _decimalsOffset() internal pure override returns (uint8) {
        return 6;
    }

    /// @dev Simple interest on `balance` since `lastAccrual`.
    function _pending(uint256 balance) private view returns (uint256) {
        uint256 elapsed = block.timestamp - lastAccrual;
        if (elapsed == 0 || balance == 0 || ratePerSecond == 0) return 0;
        return Math.mulDiv(balance, ratePerSecond * elapsed, RATE_SCALE);
    }

    /// @dev Mints the pending accrual and moves `lastAccrual` to now.
    function _accrue() private {
        uint256 amount = _pending(IERC20(asset()).balanceOf(address(this)));
        lastAccrual = block.timestamp;
        if (amount != 0) {
            IMintable(asset()).mint(address(this), amount);
            emit Accrued(amount, block.timestamp);
        }
    }
}
